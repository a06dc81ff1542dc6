import { EmptyState } from "../components/EmptyState";
import { Link } from "../routing";

export default function NotFoundPage() {
  return (
    <EmptyState title="This page does not exist">
      <Link to="/">Go to the overview</Link>
    </EmptyState>
  );
}
