import { slaAlertsProjection } from './sla-alerts.projection';
import { slaCasesProjection, slaDistrictsProjection } from './sla-cases.projection';
import type { SlaProjection } from './sla-projector';

/** The SLA read models, run by the SlaProjector beside the system's projector. */
export const slaProjections: readonly SlaProjection[] = [slaAlertsProjection, slaCasesProjection, slaDistrictsProjection];
