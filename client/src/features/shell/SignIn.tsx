import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { signIn } from '../../api';
import { SafeText } from './SafeText';

/** Token mode: the user's own bearer token, so every cluster call carries their identity. */
export function SignIn() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn({ token });
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
      <h2 id="sign-in-title">Sign in</h2>
      <p>Paste a Kubernetes bearer token. Dialtone acts as that identity and never with more rights.</p>
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
