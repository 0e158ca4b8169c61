import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { signIn } from '../../api';
import { SafeText } from './SafeText';

/**
 * Token mode: the user's own bearer token, checked against the cluster being viewed. The server
 * sends it to that cluster only, so another cluster asks for a sign-in of its own.
 */
export function SignIn({ cluster, message }: { cluster?: string; message?: string }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn({ token, ...(cluster === undefined ? {} : { cluster }) });
      setToken('');
      queryClient.setQueryData(['session'], session);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="sign-in panel" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{cluster === undefined ? 'Sign in' : `Sign in to ${cluster}`}</h2>
      {message && (
        <p role="status" className="banner banner-info">
          <SafeText text={message} />
        </p>
      )}
      <p>
        Paste a Kubernetes bearer token{cluster === undefined ? '' : ` that cluster ${cluster} accepts`}.
        Dialtone acts as that identity and never with more rights.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          Token
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="banner banner-error">
            <SafeText text={error} />
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
    </section>
  );
}
