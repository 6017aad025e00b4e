/** Where each rule's documentation page lives. */
export const DOCS_BASE = 'https://github.com/dtype-guard/dtype-guard/blob/main/docs/rules/';

export function ruleDocUrl(code: string): string {
  // DG100 is no rule: it is an explained crash (`dtype-guard explain`).
  if (code === 'DG100') return DOCS_BASE.replace(/rules\/$/, 'explain.md');
  return `${DOCS_BASE}${code}.md`;
}
