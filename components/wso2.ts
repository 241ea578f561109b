import type { ProductSelectionArgs } from "./selection.js";

/** One WSO2 product on the host, with its port offset. */
export interface Wso2ProductArgs {
  /** The product, as the catalog names its variant: `api-manager` (or `wso2/api-manager`), `identity-server`, `enterprise-integrator`, … */
  product: string;
  /** The product's release, e.g. `4.5` or `carbon-4.4`. Default: the newest the catalog has. */
  release?: string;
  /**
   * The server's port offset (carbon.xml `Offset`, deployment.toml `[server] offset`). Unset: the
   * product's shipped ports (offset 0; Micro Integrator 4.x ships 10, so 8290). Set, it replaces
   * the shipped offset: Micro Integrator at 3 opens 8283, at 0 its base 8280.
   */
  portOffset?: number;
}

/** WSO2 products as catalog selections: each brings WSO2's common ports at its own offset. */
export function wso2Selections(products: readonly Wso2ProductArgs[], analyticsPortOffset: number | undefined): ProductSelectionArgs[] {
  // Both spellings are what users write: the variant alone, or the catalog's full product name.
  return products.map((p) => ({ product: p.product.startsWith("wso2/") ? p.product : `wso2/${p.product}`, release: p.release, portOffset: p.portOffset, analyticsPortOffset }));
}
