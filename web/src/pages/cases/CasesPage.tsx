import { EmptyState } from "../../components/EmptyState";
import { PageHeader } from "../../components/PageHeader";

/** Follow-up cases arrive with the closed-loop feature; the route exists so links and navigation are stable. */
export default function CasesPage() {
  return (
    <>
      <PageHeader title="Cases" description="Follow-up on detractor feedback, assigned to partner owners." />
      <EmptyState title="Follow-up cases are not available yet">
        Cases opened from detractor responses will be listed here.
      </EmptyState>
    </>
  );
}
