export * from "./catalog/index.js";
export * from "./planner/index.js";
export * from "./components/index.js";
export * from "./components/clouds.js";
