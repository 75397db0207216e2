import { exitOn, runWorker } from '@bansos/hosting';
import { slaMonitorWorker } from './sla-monitor.worker';

/** The SLA monitor process of the production profile (Kafka -> alerts in EventStoreDB). */
runWorker('sla-monitor', slaMonitorWorker).catch(exitOn);
