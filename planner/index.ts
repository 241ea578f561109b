export * from "./peers.js";
export * from "./plan.js";
export * from "./quota.js";
