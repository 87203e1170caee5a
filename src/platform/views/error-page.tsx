import type { PageContext } from './layout.tsx';
import type { MessageKey } from '../i18n/i18n.ts';

/** A friendly error page: a title, one plain sentence, and a way home. */
export function ErrorPage({ ctx, title, body }: { ctx: PageContext; title: MessageKey; body: string }) {
  return (
    <>
      <h1>{ctx.i18n.t(title)}</h1>
      <p>{body}</p>
      <p><a href="/">{ctx.i18n.t('error.backHome')}</a></p>
    </>
  );
}
