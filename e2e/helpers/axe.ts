/**
 * Accessibility checks for browser tests: runs axe-core (all rules, WCAG 2.x A/AA and best practices) on
 * a page, shadow roots included, and fails with a readable list of what it found. Every page test calls it.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Result } from 'axe-core';

/** One axe finding, flattened for an assertion message. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

function flatten(violations: Result[]): AxeFinding[] {
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`),
  }));
}

/** The axe violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return flatten(results.violations);
}

/** Throws, listing every violation, when axe finds any on `page`; `what` names the page in the message. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length === 0) return;
  const lines = found.map((f) => `- ${f.rule} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`);
  throw new Error(`axe found ${found.length} violation(s) on the ${what} page:\n${lines.join('\n')}`);
}
