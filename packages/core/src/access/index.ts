export { systemActor, type Actor, type Role } from './actor.js';
export { createAccessPolicy, type AccessPolicy, type AccessPolicyOptions, type AccessAction } from './policy.js';
