import type { z as Z } from "zod";
import { lazy } from "./lazy.js";

/**
 * zod's `z`, loaded on first use: its ~95 modules cost every program tens of milliseconds, and a
 * program whose arguments the fast checks prove valid never needs it (`planner/fast.ts`). Schemas
 * are built inside `lazy`, so a module may import this freely; types come from `import type { z as Z } from "zod"`.
 */
/** @internal */
export const z: typeof Z = lazy(() => (require("zod") as { z: typeof Z }).z);
