import { recordPath } from './vocabulary.ts';

/** Escapes text for XML content and attributes. */
export const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);


type FeedChange = { id: number; occurred_at: Date; record_type: string; slug: string; title: string; action: string };

/** An Atom 1.0 feed of register changes, with stable entry ids and links. */
export function atomFeed({ baseUrl, title, updated, changes }: { baseUrl: string; title: string; updated: Date; changes: FeedChange[] }): string {
  const entries = changes.map((c) => {
    const link = `${baseUrl}${recordPath(c.record_type, c.slug)}`;
    return `<entry><id>${xmlEscape(`${baseUrl}/changes/${c.id}`)}</id><title>${xmlEscape(`${c.action === 'created' ? 'Added' : c.action === 'withdrawn' ? 'Withdrawn' : 'Updated'} ${c.record_type}: ${c.title}`)}</title><updated>${c.occurred_at.toISOString()}</updated><link rel="alternate" href="${xmlEscape(link)}"/></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${xmlEscape(`${baseUrl}/feed.atom`)}</id><title>${xmlEscape(title)}</title><updated>${updated.toISOString()}</updated><link rel="self" href="${xmlEscape(`${baseUrl}/feed.atom`)}"/><link rel="alternate" href="${xmlEscape(`${baseUrl}/`)}"/><author><name>Safeguard</name></author>
${entries.join('\n')}
</feed>
`;
}
