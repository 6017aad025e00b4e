/** A unified diff of two texts by lines (Myers' algorithm), as `diff -u` and `git apply` read it. */

const CONTEXT = 3;
/** Beyond this many differing lines the middle is shown as one replacement: still correct, not minimal. */
const MAX_EDIT_DISTANCE = 4000;

type Op = { kind: ' ' | '-' | '+'; line: string };

interface Lines {
  lines: string[];
  /** False when the text does not end with a newline (shown as "\ No newline at end of file"). */
  finalNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === '') return { lines: [], finalNewline: true };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

/** The shortest edit script between a and b: equal, deleted and inserted lines in order. */
function editScript(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(endA).map((line) => ({ kind: ' ', line }));
  return [...head, ...myers(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, depth: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

/** The unified diff of `before` → `after` for one file; empty when they are equal. */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a.lines, b.lines);
  // A shared line that ends one text without a newline but not the other differs: show it as -/+.
  splitLastLine(ops, a, b, '+');
  splitLastLine(ops, b, a, '-');
  const out = [`--- a/${name}`, `+++ b/${name}`];
  for (const hunk of hunks(ops)) out.push(renderHunk(ops, hunk, a, b));
  return out.join('\n') + '\n';
}

/** Splits the common op holding `x`'s last line when that line lacks a newline in `x` only. */
function splitLastLine(ops: Op[], x: Lines, y: Lines, otherKind: '+' | '-'): void {
  if (x.finalNewline) return;
  const lastX = ops.reduce((last, op, i) => (op.kind !== otherKind ? i : last), -1);
  const lastY = ops.reduce((last, op, i) => (op.kind !== (otherKind === '+' ? '-' : '+') ? i : last), -1);
  const op = ops[lastX];
  if (!op || op.kind !== ' ' || (lastX === lastY && !y.finalNewline)) return;
  ops.splice(lastX, 1, { kind: '-', line: op.line }, { kind: '+', line: op.line });
}

interface Hunk {
  from: number;
  to: number;
}

function hunks(ops: Op[]): Hunk[] {
  const result: Hunk[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    let end = i;
    while (end < ops.length && ops[end]!.kind !== ' ') end++;
    const from = Math.max(0, i - CONTEXT);
    const to = Math.min(ops.length, end + CONTEXT);
    // Changes whose context would touch or overlap share one hunk.
    const prev = result[result.length - 1];
    if (prev && from <= prev.to) prev.to = to;
    else result.push({ from, to });
    i = end;
  }
  return result;
}

function renderHunk(ops: Op[], hunk: Hunk, a: Lines, b: Lines): string {
  let lineA = 0;
  let lineB = 0;
  for (let i = 0; i < hunk.from; i++) {
    if (ops[i]!.kind !== '+') lineA++;
    if (ops[i]!.kind !== '-') lineB++;
  }
  const body: string[] = [];
  let countA = 0;
  let countB = 0;
  for (let i = hunk.from; i < hunk.to; i++) {
    const op = ops[i]!;
    body.push(op.kind + op.line);
    if (op.kind !== '+') countA++;
    if (op.kind !== '-') countB++;
    const endsA = op.kind !== '+' && lineA + countA === a.lines.length && !a.finalNewline;
    const endsB = op.kind !== '-' && lineB + countB === b.lines.length && !b.finalNewline;
    if ((op.kind === '-' && endsA) || (op.kind === '+' && endsB) || (op.kind === ' ' && endsA && endsB)) {
      body.push('\\ No newline at end of file');
    }
  }
  const range = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
  return [`@@ -${range(lineA, countA)} +${range(lineB, countB)} @@`, ...body].join('\n');
}
