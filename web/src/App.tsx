import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from "react";
import { ErrorState } from "./components/ErrorState";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Loading";
import { matchPath, navigate, useLocation } from "./routing";
import { useSessionControl } from "./session";

// Every page is its own chunk so the first load stays small; ECharts only arrives with a chart page.
const OverviewPage = lazy(() => import("./pages/overview/OverviewPage"));
const PartnersPage = lazy(() => import("./pages/partners/PartnersPage"));
const PartnerPage = lazy(() => import("./pages/partners/PartnerPage"));
const ResponsesPage = lazy(() => import("./pages/responses/ResponsesPage"));
const SurveysPage = lazy(() => import("./pages/surveys/SurveysPage"));
const SurveyEditPage = lazy(() => import("./pages/surveys/SurveyEditPage"));
const WavesPage = lazy(() => import("./pages/waves/WavesPage"));
const WavePage = lazy(() => import("./pages/waves/WavePage"));
const SettingsPage = lazy(() => import("./pages/settings/SettingsPage"));
const CasesPage = lazy(() => import("./pages/cases/CasesPage"));
const CasePage = lazy(() => import("./pages/cases/CasePage"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage"));
const LoginPage = lazy(() => import("./pages/auth/LoginPage"));
const SetupPage = lazy(() => import("./pages/auth/SetupPage"));
const ForgotPasswordPage = lazy(() => import("./pages/auth/ForgotPasswordPage"));
const ResetPasswordPage = lazy(() => import("./pages/auth/ResetPasswordPage"));

// biome-ignore lint/suspicious/noExplicitAny: route components take their own typed params
type RouteComponent = ComponentType<any>;
interface Route {
  pattern: string;
  component: RouteComponent;
  title: string;
}

const PUBLIC_ROUTES: Route[] = [
  { pattern: "/login", component: LoginPage, title: "Sign in" },
  { pattern: "/setup", component: SetupPage, title: "Set up" },
  { pattern: "/forgot-password", component: ForgotPasswordPage, title: "Forgot password" },
  { pattern: "/reset-password", component: ResetPasswordPage, title: "Reset password" },
];

const APP_ROUTES: Route[] = [
  { pattern: "/", component: OverviewPage, title: "Overview" },
  { pattern: "/partners", component: PartnersPage, title: "Partners" },
  { pattern: "/partners/:id", component: PartnerPage, title: "Partner" },
  { pattern: "/responses", component: ResponsesPage, title: "Responses" },
  { pattern: "/surveys", component: SurveysPage, title: "Surveys" },
  { pattern: "/surveys/:id", component: SurveyEditPage, title: "Survey" },
  { pattern: "/waves", component: WavesPage, title: "Waves" },
  { pattern: "/waves/:id", component: WavePage, title: "Wave" },
  { pattern: "/settings", component: SettingsPage, title: "Settings" },
  { pattern: "/cases", component: CasesPage, title: "Cases" },
  { pattern: "/cases/:id", component: CasePage, title: "Case" },
];

function resolve(routes: Route[], path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function PageFrame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Partner NPS`;
  }, [title]);
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  const { path, search } = useLocation();
  const { status, error, reload } = useSessionControl();

  if (status === "loading") return <Loading label="Starting…" />;
  if (status === "error") return <ErrorState error={error} onRetry={() => void reload()} />;

  const publicMatch = resolve(PUBLIC_ROUTES, path);
  if (status === "needs-setup" && publicMatch?.route.pattern !== "/setup") return <Redirect to="/setup" />;
  if (publicMatch) {
    if (status === "signed-in" && publicMatch.route.pattern !== "/reset-password") return <Redirect to="/" />;
    const Page = publicMatch.route.component;
    return (
      <PageFrame title={publicMatch.route.title}>
        <Page {...publicMatch.params} />
      </PageFrame>
    );
  }
  if (status !== "signed-in") {
    const next = path === "/" ? "" : `?next=${encodeURIComponent(`/app${path}${search}`)}`;
    return <Redirect to={`/login${next}`} />;
  }

  const match = resolve(APP_ROUTES, path);
  const Page = match?.route.component ?? NotFoundPage;
  return (
    <Layout>
      <PageFrame title={match?.route.title ?? "Not found"}>
        <Page key={path} {...(match?.params ?? {})} />
      </PageFrame>
    </Layout>
  );
}
