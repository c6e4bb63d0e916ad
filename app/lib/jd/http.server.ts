import { CatalogError } from "../catalog.server";
import { JdError } from "./store.server";

/** Turns the catalog's and JD store's own errors into HTTP responses a route can throw. */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof JdError || error instanceof CatalogError) {
      throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
