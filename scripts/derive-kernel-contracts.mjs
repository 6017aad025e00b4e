// Prints candidate kernel contracts read from an mmcv source tree, for checking by hand before
// they go into server/src/analysis/kernelContracts.ts.
//
//   node scripts/derive-kernel-contracts.mjs [path/to/mmcv] [--json] [--device=CPU]
//
// For every pybind name it follows each tensor parameter by position from the binding
// (csrc/pytorch/pybind.cpp) through the dispatcher (csrc/pytorch/<op>.cpp, DISPATCH_DEVICE_IMPL and
// the REGISTER_DEVICE_IMPL of the chosen device) into the launchers, through local aliases
// (`auto x = t.contiguous()`) and indexing (`t[elt]`), and collects what they do with it:
// AT_DISPATCH_* on its scalar type, data_ptr<T>() / packed_accessor32<T> / torch2tv<T>() (with
// `using scalar_t = float;` read as float), TORCH_CHECK(... == kFloat), conversions (.to(), .float()),
// sorting, and assignments that replace it (`columns = at::zeros(...)`). It flags a kernel whose
// scalar_t reads fall under dispatches on different tensors (no single 'same' group). It reads text,
// not C++: ATen calls (addmm_, mm_out, index_put_), other macros and templates are not understood,
// so every candidate is a lead to check, not a contract; '?' marks what it could not tell.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/ecosystem/mmcv');
const asJson = args.includes('--json');
const device = (args.find((a) => a.startsWith('--device=')) ?? '--device=CUDA').slice(9);
const csrc = path.join(root, 'mmcv/ops/csrc');
if (!existsSync(path.join(csrc, 'pytorch/pybind.cpp'))) {
  console.error(`no mmcv source tree at ${root} (expected mmcv/ops/csrc/pytorch/pybind.cpp)`);
  process.exit(2);
}

/** Blanks comments and string contents, keeping offsets and line breaks. */
function blankComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"/g, (m) =>
    m.startsWith('"') ? `"${m.slice(1, -1).replace(/[^\n]/g, ' ')}"` : m.replace(/[^\n]/g, ' '),
  );
}

function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The offset just past the bracket that closes the one at `open`. */
function closing(text, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const stack = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i + 1;
    }
  }
  return text.length;
}

/** Splits an argument list at top-level commas (angle brackets count as brackets). */
function splitArgs(list) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.trim()) out.push(list.slice(start).trim());
  return out;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'sizeof', 'defined']);

/** Function definitions of one file: name, parameters (type, name), body range. */
function definitions(file) {
  const raw = readFileSync(file, 'utf8');
  const text = blankComments(raw);
  const defs = [];
  const head = /\b([A-Za-z_]\w*)\s*\(/g;
  let m;
  while ((m = head.exec(text))) {
    if (KEYWORDS.has(m[1])) continue;
    const open = m.index + m[0].length - 1;
    const close = closing(text, open);
    const after = /^\s*(?:const\s*)?\{/.exec(text.slice(close, close + 40));
    if (!after) continue;
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    // A definition is preceded by a return type, not by an operator or a member access.
    if (!/[\w>&*:]\s+$|[\w>&*]$/.test(before) || /(?:\.|->|=|return)\s*$/.test(before)) continue;
    const bodyOpen = close + after[0].length - 1;
    const bodyClose = closing(text, bodyOpen);
    const params = splitArgs(text.slice(open + 1, close - 1)).map((p) => {
      const name = /(\w+)\s*(?:=[^,]*)?$/.exec(p)?.[1] ?? '';
      return { type: p.slice(0, p.lastIndexOf(name)).trim(), name };
    });
    defs.push({ name: m[1], params, file, text, head: m.index, body: [bodyOpen, bodyClose] });
    head.lastIndex = bodyClose;
  }
  return defs;
}

function sources(dir, exts) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => path.join(dir, f));
}

const deviceDir = { CUDA: 'cuda', CPU: 'cpu' }[device];
if (!deviceDir) {
  console.error(`--device must be CUDA or CPU, not ${device}`);
  process.exit(2);
}
const commonFiles = sources(path.join(csrc, 'pytorch'), ['.cpp']).filter((f) => !f.endsWith('pybind.cpp'));
const deviceFiles = [
  ...sources(path.join(csrc, 'pytorch', deviceDir), ['.cpp', '.cu']),
  ...(device === 'CUDA' ? sources(path.join(csrc, 'common/cuda'), ['.cuh', '.hpp']) : []),
];
const byName = new Map();
for (const file of [...commonFiles, ...deviceFiles]) {
  for (const d of definitions(file)) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
}
const registered = new Map();
for (const file of deviceFiles) {
  const text = blankComments(readFileSync(file, 'utf8'));
  for (const m of text.matchAll(/REGISTER_DEVICE_IMPL\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\)/g)) {
    if (m[2] === device) registered.set(m[1], m[3]);
  }
}

const rel = (file) => path.relative(root, file);
const dtypeOf = {
  float: 'float32',
  double: 'float64',
  int: 'int',
  int32_t: 'int',
  int64_t: 'long',
  long: 'long',
  bool: 'bool',
  uint8_t: 'uint8',
  int8_t: 'int8',
  scalar_t: 'same',
  'at::Half': 'float16',
};
const PRESERVING =
  'cpu|cuda|contiguous|index_select|view|reshape|permute|transpose|clone|narrow|select|slice|squeeze|unsqueeze|flatten|expand|t|masked_select|index|detach';
// A suffix that keeps the dtype: a view-like call, indexing, or `.to({torch::kCPU})` (a move).
const KEEP = `(?:\\[[^\\]]*\\]|\\.(?:${PRESERVING})\\([^;()]*\\)|\\.to\\(\\{?(?:torch|at)::k(?:CPU|CUDA)\\}?\\))`;

/** What a function does with the parameter `name` (and its local aliases), plus the calls it passes it to. */
function uses(def, name, seen) {
  const [start, end] = def.body;
  const body = def.text.slice(start, end);
  const names = [name];
  // Local aliases that keep the dtype: `auto x = name.contiguous();`, `Tensor y = name.view(...)`.
  for (let i = 0; i < names.length; i++) {
    const alias = new RegExp(`(?:auto|Tensor|at::Tensor|torch::Tensor)\\s+(\\w+)\\s*=\\s*${names[i]}(${KEEP}+)\\s*;`, 'g');
    for (const m of body.matchAll(alias)) if (!names.includes(m[1])) names.push(m[1]);
  }
  const found = [];
  // `using scalar_t = float;` outside a dispatch fixes what data_ptr<scalar_t> reads.
  const fixed = /(?:using\s+scalar_t\s*=\s*([\w:]+)|typedef\s+([\w:]+)\s+scalar_t)\s*;/.exec(body);
  const scalar = fixed ? (dtypeOf[fixed[1] ?? fixed[2]] ?? fixed[1] ?? fixed[2]) : 'same';
  const typeOf = (t) => (t === 'scalar_t' ? scalar : (dtypeOf[t] ?? t));
  const at = (offset) => `${rel(def.file)}:${lineAt(def.text, start + offset)}`;
  // The AT_DISPATCH_* calls of this body: what each dispatches on, and the text it spans.
  const dispatches = [...body.matchAll(/AT_DISPATCH\w*\s*\(/g)].map((m) => {
    const open = m.index + m[0].length - 1;
    return { from: m.index, to: closing(body, open), on: splitArgs(body.slice(open + 1, closing(body, open) - 1))[0] };
  });
  const under = (offset) => dispatches.find((d) => d.from <= offset && offset < d.to);
  for (const n of names) {
    const ref = `\\b${n}\\b${KEEP}*`;
    for (const m of body.matchAll(
      new RegExp(
        `${ref}\\s*\\.\\s*(?:data_ptr|data|const_data_ptr|mutable_data_ptr|(?:packed_|generic_packed_)?accessor(?:32|64)?)\\s*<\\s*([\\w:]+)\\s*[,>]`,
        'g',
      ),
    ))
      found.push({
        kind: 'ptr',
        type: typeOf(m[1]),
        where: at(m.index),
        under: m[1] === 'scalar_t' && under(m.index) ? at(under(m.index).from) : undefined,
      });
    for (const m of body.matchAll(new RegExp(`AT_DISPATCH\\w*\\s*\\(\\s*${ref}\\s*\\.\\s*(?:scalar_)?type\\s*\\(`, 'g')))
      found.push({ kind: 'dispatch', where: at(m.index) });
    for (const m of body.matchAll(
      new RegExp(`${ref}\\s*\\.\\s*(?:dtype|scalar_type)\\s*\\(\\s*\\)\\s*==\\s*(?:torch|at|c10)::(?:ScalarType::)?k(\\w+)`, 'g'),
    ))
      found.push({ kind: 'check', type: m[1], where: at(m.index) });
    for (const m of body.matchAll(
      new RegExp(
        `${ref}\\s*\\.\\s*(to|float|half|type|toType|int|long|type_as)\\s*\\((?!\\{?(?:torch|at)::k(?:CPU|CUDA)\\}?\\))`,
        'g',
      ),
    ))
      found.push({ kind: 'converted', type: m[1], where: at(m.index) });
    for (const m of body.matchAll(new RegExp(`${ref}\\s*\\.\\s*(sort|argsort|topk|max|min|numel|size|dim)\\s*\\(`, 'g')))
      if (['sort', 'argsort', 'topk'].includes(m[1])) found.push({ kind: 'sorted', where: at(m.index) });
    for (const m of body.matchAll(new RegExp(`${ref}\\s*\\.\\s*data_ptr\\s*\\(\\s*\\)`, 'g')))
      found.push({ kind: 'untyped-ptr', where: at(m.index) });
    for (const m of body.matchAll(
      new RegExp(`\\b(?:tv::)?torch2tv\\s*<\\s*(?:const\\s+)?([\\w:]+)\\s*>\\s*\\(\\s*${ref}\\s*\\)`, 'g'),
    ))
      found.push({ kind: 'ptr', type: typeOf(m[1]), where: at(m.index) });
    // `name = at::zeros(...)`: what the caller passed is replaced, not read, from here on.
    for (const m of body.matchAll(new RegExp(`(?<![\\w.]|(?:auto|Tensor)\\s+)${n}\\s*=(?!=)\\s*(?!${n}\\b)([\\w:]+)`, 'g')))
      found.push({ kind: 'replaced', type: m[1], where: at(m.index) });
    // Calls that pass it on: DISPATCH_DEVICE_IMPL(key, ...) or a plain call f(..., n, ...).
    for (const m of body.matchAll(/\b([A-Za-z_]\w*)\s*(?:<[^<>;()]*>)?\s*\(/g)) {
      if (KEYWORDS.has(m[1])) continue;
      const open = m.index + m[0].length - 1;
      const list = splitArgs(body.slice(open + 1, closing(body, open) - 1));
      let callee = m[1];
      let argv = list;
      if (callee === 'DISPATCH_DEVICE_IMPL') {
        callee = registered.get(list[0]);
        argv = list.slice(1);
        if (!callee) continue;
      }
      const argRe = new RegExp(`^${ref}$`);
      argv.forEach((a, i) => {
        if (!argRe.test(a)) return;
        for (const target of byName.get(callee) ?? []) {
          if (target === def || target.params.length !== argv.length) continue;
          const key = `${target.file}#${target.name}#${i}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ kind: 'call', to: `${target.name}(${target.params[i].name})`, where: at(m.index) });
          found.push(...uses(target, target.params[i].name, seen));
        }
      });
    }
  }
  return found;
}

function bindings() {
  const file = path.join(csrc, 'pytorch/pybind.cpp');
  const text = blankComments(readFileSync(file, 'utf8'));
  const raw = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/m\.def\(\s*"/g)) {
    const open = m.index + 5;
    const whole = raw.slice(open + 1, closing(text, open) - 1);
    const [pyName, ref] = splitArgs(whole);
    const params = [...whole.matchAll(/py::arg\("(\w+)"\)/g)].map((a) => a[1]);
    out.push({ py: JSON.parse(pyName), cpp: ref.replace(/^&/, ''), params, where: `${rel(file)}:${lineAt(text, m.index)}` });
  }
  return out;
}

/** The rule the evidence points to, or a question mark when it is absent or conflicting. */
function candidate(found) {
  const kinds = new Set();
  for (const f of found) {
    if (f.kind === 'dispatch') kinds.add('same');
    else if (f.kind === 'ptr') kinds.add(f.type);
    else if (f.kind === 'check' && f.type === 'Float') kinds.add('float32');
    else if (f.kind === 'converted' || f.kind === 'sorted') kinds.add('any?');
    else if (f.kind === 'replaced') kinds.add('replaced');
  }
  if (kinds.size === 1) return [...kinds][0];
  return kinds.size ? `? ${[...kinds].join('/')}` : '?';
}

const report = [];
const seenPy = new Set();
for (const b of bindings()) {
  if (seenPy.has(b.py)) continue; // a second overload of the same name: pybind tries the first one first
  seenPy.add(b.py);
  // The bound function is in csrc/pytorch/<op>.cpp, or for a few device-only ops in the device's folder.
  const candidates = (byName.get(b.cpp) ?? []).filter((d) => d.params.length === b.params.length);
  const top = candidates.find((d) => commonFiles.includes(d.file)) ?? candidates[0];
  if (!top) {
    report.push({ kernel: b.py, binding: b.where, error: `no definition of ${b.cpp} with ${b.params.length} parameters` });
    continue;
  }
  const tensors = {};
  top.params.forEach((p, i) => {
    if (!/Tensor\b/.test(p.type) || /vector|List/.test(p.type)) return;
    const found = uses(top, p.name, new Set());
    tensors[b.params[i]] = { rule: candidate(found), evidence: found.filter((f) => f.kind !== 'call') };
  });
  // Which parameter each dispatch that scalar_t reads fall under is on: more than one, or one on
  // no parameter, means the 'same' arguments do not form a single group.
  const dispatchOf = new Map();
  for (const [name, t] of Object.entries(tensors))
    for (const e of t.evidence) if (e.kind === 'dispatch') dispatchOf.set(e.where, name);
  const groups = new Set();
  for (const t of Object.values(tensors))
    for (const e of t.evidence) if (e.under) groups.add(dispatchOf.get(e.under) ?? `(a local tensor at ${e.under})`);
  report.push({
    kernel: b.py,
    params: b.params,
    binding: b.where,
    dispatcher: `${rel(top.file)}:${lineAt(top.text, top.head)}`,
    groups: [...groups],
    tensors,
  });
}

if (asJson) console.log(JSON.stringify(report, null, 2));
else {
  for (const r of report) {
    if (r.error) {
      console.log(`${r.kernel}: ${r.error}\n`);
      continue;
    }
    const on = Object.entries(r.tensors).filter(([, t]) => t.evidence.some((e) => e.kind === 'dispatch'));
    console.log(`${r.kernel}(${r.params.join(', ')})  ${r.binding}  ${r.dispatcher}`);
    console.log(`  dispatched on: ${on.map(([n]) => n).join(', ') || 'nothing found'}`);
    if (r.groups.length > 1) console.log(`  SEVERAL GROUPS read as scalar_t: ${r.groups.join('; ')}`);
    for (const [name, t] of Object.entries(r.tensors)) {
      const ev = t.evidence.map((e) => `${e.kind}${e.type ? `<${e.type}>` : ''} ${e.where}`);
      console.log(`  ${name.padEnd(28)} ${t.rule.padEnd(12)} ${[...new Set(ev)].join('; ')}`);
    }
    console.log();
  }
}
