export * from './report.types';
export * from './report.events';
export * from './report.decider';
export * from './subject.decider';
