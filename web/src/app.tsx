/** The pages, under /tickets/ (the server answers index.html for each of these paths). */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/app-layout.tsx';
import { NotFoundPage } from './components/not-found-page.tsx';
import { AdminArea } from './scenes/admin/admin-area.tsx';
import { NewTicketPage } from './scenes/new-ticket/new-ticket-page.tsx';
import { SignInPage } from './scenes/sign-in/sign-in-page.tsx';
import { TicketListPage } from './scenes/ticket-list/ticket-list-page.tsx';
import { TicketThreadPage } from './scenes/ticket-thread/ticket-thread-page.tsx';
import { sessionKey } from './hooks/use-session.ts';

/** A 401 anywhere means the session ended (expired, signed out elsewhere): the layout then shows the sign-in page. */
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKey, null);
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/tickets">
        <Routes>
          <Route path="sign-in" element={<SignInPage />} />
          <Route element={<AppLayout />}>
            <Route index element={<TicketListPage />} />
            <Route path="new" element={<NewTicketPage />} />
            <Route path="admin/*" element={<AdminArea />} />
            <Route path=":id" element={<TicketThreadPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
