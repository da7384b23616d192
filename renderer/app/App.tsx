import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import 'dayjs/locale/vi';
import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Route, Routes, useNavigate } from 'react-router';
import { useApi } from '../api/hooks';
import '../i18n';
import { SetupPage } from '../setup/SetupPage';
import { Layout } from './Layout';
import { routes } from './routes';

const theme = createTheme({
  // System fonts with full Vietnamese coverage; nothing is fetched from the network.
  fontFamily: "'Segoe UI', 'Noto Sans', Roboto, 'DejaVu Sans', Arial, sans-serif",
  headings: { fontFamily: "'Segoe UI', 'Noto Sans', Roboto, 'DejaVu Sans', Arial, sans-serif" },
  primaryColor: 'blue',
  defaultRadius: 'md',
});

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** Bundle files opened with the desktop app go to the exchange page's import preview. */
function OpenedFiles() {
  const navigate = useNavigate();
  useEffect(() => window.isodesk?.onOpenFiles((paths) => paths[0] && navigate('/exchange', { state: { openPath: paths[0] } })), [navigate]);
  return null;
}

function Gate() {
  const { i18n } = useTranslation();
  const state = useApi('setup.state', {});
  useEffect(() => {
    if (state.data && state.data.language !== i18n.language) void i18n.changeLanguage(state.data.language);
  }, [state.data?.language]);
  if (!state.data) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!state.data.done) return <SetupPage />;
  return (
    <Layout state={state.data}>
      <OpenedFiles />
      <Routes>
        {routes.map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
      </Routes>
    </Layout>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <Gate />
          </HashRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
