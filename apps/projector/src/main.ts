import { exitOn, runWorker } from '@bansos/hosting';
import { projectorWorker } from './projector.worker';

/** The projector process of the production profile (EventStoreDB -> MongoDB). */
runWorker('projector', projectorWorker).catch(exitOn);
