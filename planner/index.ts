export * from "./peers.js";
export * from "./plan.js";
export * from "./profile.js";
export * from "./quota.js";
export * from "./roles.js";
export * from "./lists.js";
