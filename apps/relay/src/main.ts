import { exitOn, runWorker } from '@bansos/hosting';
import { relayWorker } from './relay.worker';

/** The relay process of the production profile (EventStoreDB -> Kafka). */
runWorker('relay', relayWorker).catch(exitOn);
