export * from './registry.types';
export * from './registry.events';
export * from './household.decider';
export * from './nik-link.decider';
export * from './enrolment';
