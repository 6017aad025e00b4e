/** How a DG1xx rule is made from its own decision, words and fixes over the dtype model's broken calls. */
import type { ImportMap } from '../imports';
import type { Rule } from '../rule';
import { rangeOf } from '../nodeHelpers';
import type { Fix, Finding } from '../types';
import { brokenCalls } from '../dtype/model';
import type { BrokenCall } from '../dtype/broken';
import { withApplicability } from '../dtype/fixBuilders';
import { detailOf } from '../dtype/message';

/** What a DG1xx rule file says about itself. */
export interface DtypeRuleSpec {
  code: string;
  name: string;
  summary: string;
  /** Whether this rule reports the broken call: exactly one rule owns each (a unit test checks it). */
  owns(b: BrokenCall): boolean;
  /** The squiggle message. */
  message(b: BrokenCall): string;
  /** The fixes as the rule would offer them; a safe fix is downgraded where it may change behaviour. */
  fixes(b: BrokenCall, imports: ImportMap): Fix[];
  /** Lines the hover adds about where the call is. */
  notes?(b: BrokenCall): string[];
}

/** A code rule that reports the broken calls it owns. */
export interface DtypeRule extends Rule {
  owns(b: BrokenCall): boolean;
}

/**
 * The finding made of each broken call. A kept entry result (model.ts) hands out the same broken
 * call only while everything the entry read, the imports included, is unchanged and has not
 * moved: its finding is then the same, so an edit elsewhere in a long file does not make every
 * finding (message, fixes, detail) again. Gone with the syntax tree.
 */
const findingOf = new WeakMap<BrokenCall, Finding>();

export function dtypeRule(spec: DtypeRuleSpec): DtypeRule {
  const finding = (b: BrokenCall, imports: ImportMap): Finding => {
    const kept = findingOf.get(b);
    if (kept?.code === spec.code) return kept;
    const made: Finding = {
      code: spec.code,
      severity: 'warning',
      message: spec.message(b),
      range: rangeOf(b.call.node),
      fixes: withApplicability(b, spec.fixes(b, imports)),
      detail: detailOf(b, spec.notes?.(b) ?? []),
    };
    findingOf.set(b, made);
    return made;
  };
  return {
    code: spec.code,
    name: spec.name,
    defaultSeverity: 'warning',
    summary: spec.summary,
    kind: 'code',
    owns: spec.owns,
    check: (ctx) =>
      brokenCalls(ctx)
        .filter(spec.owns)
        .map((b) => finding(b, ctx.imports)),
  };
}
