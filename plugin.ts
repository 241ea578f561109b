// The component package's entry: `pulumi package add <installed portcatalog>/dist` runs this, from
// the plugin directory the build makes of dist/ (scripts/component-package.cjs). No provider SDK is
// installed there, so the components register their cloud's resources by type token.
import { registerByToken } from "./components/providers.js";

registerByToken();

export * from "./index.js";
