export * from './address-policy';
export * from './egress-allow-list';
export * from './egress-target';
export * from './egress-agent';
export * from './webhook-targets.config';
