/** Where each rule's documentation page lives. */
export const DOCS_BASE = 'https://github.com/dtype-guard/dtype-guard/blob/main/docs/rules/';

export function ruleDocUrl(code: string): string {
  return `${DOCS_BASE}${code}.md`;
}
