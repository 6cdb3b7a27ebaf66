import type { ChalkInstance } from 'chalk';
import type { ReceivedDelivery } from './receiver.js';

/** One line per delivery: time, provider, event, repository, ref, short commits, verdict (and the relay). */
export function formatDelivery(d: ReceivedDelivery, color: ChalkInstance): string {
  const verdict =
    d.verdict === 'verified' ? color.green('verified') : d.verdict === 'unchecked' ? color.yellow('unchecked') : color.red(`refused (${d.verdict}) 401`);
  const commits = d.commits.length > 0 ? d.commits.join(',') : '-';
  const forwarded = d.forwarded === undefined ? '' : ` → forwarded: ${d.forwarded}`;
  return `${d.time} ${d.provider} ${d.event} ${d.repository} ${d.ref} ${commits} ${verdict}${forwarded}`;
}
