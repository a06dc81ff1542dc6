import { ApiError } from "../api/client";

/** Shows what went wrong in words a user can act on, with a retry when one is possible. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const message =
    error instanceof ApiError
      ? error.status === 403
        ? "You do not have permission to see this."
        : error.message
      : error instanceof Error
        ? error.message
        : "Something went wrong.";
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? "This could not be loaded"}</p>
      <p className="state-body">{message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
