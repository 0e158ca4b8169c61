import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiRequestError, setUnauthorizedHandler } from './api';
import { App } from './app';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element to mount Dialtone into.');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Asking again does not change a refusal or a missing object.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiRequestError && [401, 403, 404].includes(error.status)),
    },
  },
});

setUnauthorizedHandler(() => void queryClient.invalidateQueries({ queryKey: ['session'] }));

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
