/** Public API of the deterministic demo program generator. */
export {
  type CommentPlan,
  DEMO_THEME_IDS,
  DEMO_THEMES,
  type DemoThemeId,
  DRIVER_AREAS,
  type DriverArea,
  detectDemoThemes,
} from "./comment-templates.js";
export {
  DEMO_COMPANY_NAME,
  DEMO_MANAGERS,
  DEMO_ORGANIZATION_SETTINGS,
  RELATIONSHIP_SURVEY_ID,
  TRANSACTIONAL_SURVEY_ID,
} from "./demo-organization.js";
export {
  type DemoSummary,
  latestPartnerCategory,
  type NpsFigure,
  npsOf,
  summarizeDemoDataset,
} from "./demo-summary.js";
export { DEFAULT_DEMO_REFERENCE_DATE, DEMO_WAVE_COUNT } from "./demo-timeline.js";
export {
  type DemoDataset,
  type GenerateDemoDatasetOptions,
  generateDemoDataset,
} from "./generate-demo-dataset.js";
export {
  DECLINING_SEGMENT,
  INFLATING_MANAGER_ID,
  listPlantedEffects,
  type PlantedEffect,
  RECENT_WAVES,
  RENEWAL_PROBABILITY,
  RISING_THEME,
} from "./planted-effects.js";
