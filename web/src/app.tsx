/** The pages, under /tickets/ (the server answers index.html for each of these paths). */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/app-layout.tsx';
import { NotFoundPage } from './components/not-found-page.tsx';
import { Suspense } from 'react';
import { lazyPage, PageLoading } from './components/lazy-page.tsx';
import { sessionKey } from './hooks/use-session.ts';

const AdminArea = lazyPage(() => import('./scenes/admin/admin-area.tsx'), 'AdminArea');
const DashboardPage = lazyPage(() => import('./scenes/dashboard/dashboard-page.tsx'), 'DashboardPage');
const NewTicketPage = lazyPage(() => import('./scenes/new-ticket/new-ticket-page.tsx'), 'NewTicketPage');
const ProfilePage = lazyPage(() => import('./scenes/profile/profile-page.tsx'), 'ProfilePage');
const ForgotPasswordPage = lazyPage(() => import('./scenes/forgot-password/forgot-password-page.tsx'), 'ForgotPasswordPage');
const RegisterPage = lazyPage(() => import('./scenes/register/register-page.tsx'), 'RegisterPage');
const SignInPage = lazyPage(() => import('./scenes/sign-in/sign-in-page.tsx'), 'SignInPage');
const TicketListPage = lazyPage(() => import('./scenes/ticket-list/ticket-list-page.tsx'), 'TicketListPage');
const TicketThreadPage = lazyPage(() => import('./scenes/ticket-thread/ticket-thread-page.tsx'), 'TicketThreadPage');

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
        <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route element={<AppLayout />}>
            <Route index element={<TicketListPage />} />
            <Route path="new" element={<NewTicketPage />} />
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="admin/*" element={<AdminArea />} />
            <Route path=":id" element={<TicketThreadPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
