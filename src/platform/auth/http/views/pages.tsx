import type { Translator } from '../../../i18n/i18n.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../views/forms.tsx';
import type { Membership } from '../../domain/roles.ts';
import type { InvitationListItem } from '../../store.ts';

type Form = { i18n: Translator; csrf: string; errors: FieldErrors; values: Record<string, string> };

export function LoginPage({ i18n, csrf, errors, values, next, notice }: Form & { next: string; notice?: string | undefined }) {
  const t = i18n.t;
  const labels = { email: t('auth.email'), password: t('auth.password') };
  return (
    <>
      <h1>{t('auth.login.title')}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={`/login?next=${encodeURIComponent(next)}`} csrf={csrf} class="stack">
        <TextField i18n={i18n} name="email" type="email" label={labels.email} errors={errors} value={values.email} autocomplete="username" />
        <TextField i18n={i18n} name="password" type="password" label={labels.password} errors={errors} autocomplete="current-password" />
        <button type="submit">{t('auth.login.submit')}</button>
      </PostForm>
      <p class="meta">{t('auth.login.noSignUp')}</p>
    </>
  );
}

export function SecondFactorPage({ i18n, csrf, errors, next }: Omit<Form, 'values'> & { next: string }) {
  const t = i18n.t;
  const labels = { code: t('auth.secondFactor.code') };
  return (
    <>
      <h1>{t('auth.secondFactor.title')}</h1>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={`/login/second-factor?next=${encodeURIComponent(next)}`} csrf={csrf} class="stack">
        <TextField i18n={i18n} name="code" label={labels.code} hint={t('auth.secondFactor.hint')} errors={errors} autocomplete="one-time-code" />
        <button type="submit">{t('auth.secondFactor.submit')}</button>
      </PostForm>
    </>
  );
}

export function InvitationPage({ i18n, csrf, errors, values, action, firstAdmin, organisationName, role }: Form & {
  action: string; firstAdmin: boolean; organisationName: string | null; role: string;
}) {
  const t = i18n.t;
  const labels: Record<string, string> = {
    organisationName: t('auth.invitation.organisation'), displayName: t('auth.invitation.displayName'), email: t('auth.email'),
    password: t('auth.invitation.password'), confirmPassword: t('auth.invitation.confirmPassword'), creditByName: t('auth.invitation.credit'),
  };
  return (
    <>
      <h1>{firstAdmin ? t('auth.invitation.firstAdminTitle') : t('auth.invitation.title')}</h1>
      <p>{firstAdmin ? t('auth.invitation.firstAdminIntro') : t('auth.invitation.intro', { organisation: organisationName ?? '', role: t(`role.${role}` as 'role.admin') })}</p>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={action} csrf={csrf} class="stack">
        {firstAdmin && <TextField i18n={i18n} name="organisationName" label={labels.organisationName!} hint={t('auth.invitation.organisationHint')} errors={errors} value={values.organisationName} autocomplete="organization" />}
        <TextField i18n={i18n} name="displayName" label={labels.displayName!} errors={errors} value={values.displayName} autocomplete="name" />
        <TextField i18n={i18n} name="email" type="email" label={labels.email!} errors={errors} value={values.email} autocomplete="username" />
        <TextField i18n={i18n} name="password" type="password" label={labels.password!} hint={t('auth.invitation.passwordHint')} errors={errors} autocomplete="new-password" />
        <TextField i18n={i18n} name="confirmPassword" type="password" label={labels.confirmPassword!} errors={errors} autocomplete="new-password" />
        <fieldset class="field" id="field-creditByName">
          <legend>{labels.creditByName}</legend>
          <p class="hint">{t('auth.invitation.creditHint')}</p>
          <label class="choice"><input type="radio" name="creditByName" value="no" checked={values.creditByName !== 'yes'} /> {t('auth.invitation.creditNo')}</label>
          <label class="choice"><input type="radio" name="creditByName" value="yes" checked={values.creditByName === 'yes'} /> {t('auth.invitation.creditYes')}</label>
        </fieldset>
        <button type="submit">{t('auth.invitation.submit')}</button>
      </PostForm>
    </>
  );
}

export function MessagePage({ title, body }: { title: string; body: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
    </>
  );
}

export function AccountPage({ i18n, csrf, displayName, memberships, totpEnabled, mustSetUp, canInvite, canDraft, canModerate }: {
  i18n: Translator; csrf: string; displayName: string; memberships: Membership[]; totpEnabled: boolean; mustSetUp: boolean; canInvite: boolean; canDraft: boolean; canModerate: boolean;
}) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { name: displayName })}</p>
      {mustSetUp && <p class="notice" role="status">{t('account.mustSetUpSecondFactor')}</p>}
      <h2>{t('account.memberships')}</h2>
      <ul>{memberships.map((m) => <li>{t('account.membership', { organisation: m.organisationName, role: t(`role.${m.role}`) })}</li>)}</ul>
      <h2>{t('account.secondFactor')}</h2>
      <p>{totpEnabled ? t('account.secondFactorOn') : t('account.secondFactorOff')}</p>
      {!totpEnabled && <p><a href="/account/second-factor">{t('account.setUpSecondFactor')}</a></p>}
      {canDraft && <p><a href="/drafts">{t('nav.drafts')}</a></p>}
      {canModerate && <p><a href="/suggestions">{t('suggest.queueTitle')}</a></p>}
      {canInvite && <p><a href="/admin/invitations">{t('admin.invitations.title')}</a></p>}
      <PostForm action="/logout" csrf={csrf}>
        <button type="submit" class="secondary">{t('auth.logout')}</button>
      </PostForm>
    </>
  );
}

export function SetUpSecondFactorPage({ i18n, csrf, errors, secret, uri }: Omit<Form, 'values'> & { secret: string; uri: string }) {
  const t = i18n.t;
  const labels = { code: t('auth.secondFactor.code') };
  const grouped = secret.match(/.{1,4}/g)!.join(' ');
  return (
    <>
      <h1>{t('account.setUpSecondFactor')}</h1>
      <ol>
        <li>{t('secondFactor.step1')}</li>
        <li>
          {t('secondFactor.step2')}
          <p class="secret" dir="ltr"><code>{grouped}</code></p>
          <p class="meta">{t('secondFactor.uri')} <code dir="ltr" class="wrap-anywhere">{uri}</code></p>
        </li>
        <li>{t('secondFactor.step3')}</li>
      </ol>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action="/account/second-factor" csrf={csrf} class="stack">
        <TextField i18n={i18n} name="code" label={labels.code} errors={errors} autocomplete="one-time-code" inputmode="numeric" />
        <button type="submit">{t('secondFactor.confirm')}</button>
      </PostForm>
    </>
  );
}

export function RecoveryCodesPage({ i18n, codes }: { i18n: Translator; codes: string[] }) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('secondFactor.enabledTitle')}</h1>
      <p>{t('secondFactor.recoveryIntro')}</p>
      <ul class="codes" dir="ltr">{codes.map((c) => <li><code>{c}</code></li>)}</ul>
      <p><a href="/account">{t('account.title')}</a></p>
    </>
  );
}

const invitationStatus = (i: InvitationListItem, now: Date) =>
  i.used_at ? 'used' : i.revoked_at ? 'revoked' : i.expires_at.getTime() <= now.getTime() ? 'expired' : 'open';

export function InvitationsAdminPage({ i18n, csrf, errors, values, invitations, now, created }: Form & {
  invitations: InvitationListItem[]; now: Date; created?: { link: string; organisation: string; role: string; expiresAt: Date } | undefined;
}) {
  const t = i18n.t;
  const labels = { organisation: t('admin.invitations.organisation'), role: t('admin.invitations.role') };
  return (
    <>
      <h1>{t('admin.invitations.title')}</h1>
      {created && (
        <div class="notice" role="status">
          <p>{t('admin.invitations.created', { organisation: created.organisation, role: t(`role.${created.role}` as 'role.admin'), date: i18n.date(created.expiresAt) })}</p>
          <p dir="ltr"><code class="wrap-anywhere">{created.link}</code></p>
        </div>
      )}
      <h2>{t('admin.invitations.new')}</h2>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action="/admin/invitations" csrf={csrf} class="stack">
        <TextField i18n={i18n} name="organisation" label={labels.organisation} hint={t('admin.invitations.organisationHint')} errors={errors} value={values.organisation} />
        <div class={`field${errors.role ? ' field-invalid' : ''}`}>
          <label for="field-role">{labels.role}</label>
          <select id="field-role" name="role">
            {(['contributor', 'editor', 'oversight', 'admin'] as const).map((r) => <option value={r} selected={values.role === r}>{t(`role.${r}`)}</option>)}
          </select>
        </div>
        <button type="submit">{t('admin.invitations.create')}</button>
      </PostForm>
      <h2>{t('admin.invitations.list')}</h2>
      <table>
        <thead><tr><th scope="col">{labels.organisation}</th><th scope="col">{labels.role}</th><th scope="col">{t('admin.invitations.status')}</th><th scope="col">{t('admin.invitations.expires')}</th><th scope="col"><span class="visually-hidden">{t('admin.invitations.actions')}</span></th></tr></thead>
        <tbody>
          {invitations.map((i) => {
            const status = invitationStatus(i, now);
            return (
              <tr>
                <td>{i.organisation_name ?? t('admin.invitations.firstAdmin')}</td>
                <td>{t(`role.${i.role}`)}</td>
                <td>{t(`admin.invitations.status.${status}`)}{i.used_by_name ? ` (${i.used_by_name})` : ''}</td>
                <td>{i18n.date(i.expires_at)}</td>
                <td>{status === 'open' && (
                  <PostForm action={`/admin/invitations/${i.id}/revoke`} csrf={csrf}><button type="submit" class="secondary">{t('admin.invitations.revoke')}</button></PostForm>
                )}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
