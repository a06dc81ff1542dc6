import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "../routing";
import { useSession, useSessionControl } from "../session";

const NAV = [
  { to: "/", label: "Overview", match: (path: string) => path === "/" },
  { to: "/partners", label: "Partners" },
  { to: "/responses", label: "Responses" },
  { to: "/surveys", label: "Surveys" },
  { to: "/waves", label: "Waves" },
  { to: "/cases", label: "Cases" },
  { to: "/settings", label: "Settings" },
] as const;

function isActive(item: (typeof NAV)[number], path: string): boolean {
  if ("match" in item) return item.match(path);
  return path === item.to || path.startsWith(`${item.to}/`);
}

const ROLE_LABELS: Record<string, string> = {
  admin: "Administrator",
  analyst: "Analyst",
  partner_manager: "Partner manager",
  viewer: "Viewer",
};

/** The signed-in shell: skip link, top bar with organization and user menu, primary navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  const session = useSession();
  const [navOpen, setNavOpen] = useState(false);
  const navId = useId();

  // A route change closes the small-screen menu so the new page is visible.
  // biome-ignore lint/correctness/useExhaustiveDependencies: path is the trigger, not a value read inside
  useEffect(() => setNavOpen(false), [path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" aria-label="Partner NPS overview">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Partner NPS</span>
          </Link>
          {session ? <span className="org-name">{session.organization.name}</span> : null}
          <button
            type="button"
            className="menu-button"
            aria-expanded={navOpen}
            aria-controls={navId}
            onClick={() => setNavOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <nav id={navId} className={`primary-nav${navOpen ? " is-open" : ""}`} aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isActive(item, path) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <UserMenu />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function UserMenu() {
  const session = useSession();
  const { signOut } = useSessionControl();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key === "Escape") setOpen(false);
        return;
      }
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (!session) return null;
  const initials = session.user.name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initials || "?"}
        </span>
        <span className="user-name">{session.user.name}</span>
      </button>
      {open ? (
        <div id={menuId} className="user-popover">
          <p className="user-popover-name">{session.user.name}</p>
          <p className="muted">{session.user.email}</p>
          <p className="muted">{ROLE_LABELS[session.user.role] ?? session.user.role}</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setOpen(false);
              void signOut().finally(() => {
                window.location.assign("/app/login");
              });
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
