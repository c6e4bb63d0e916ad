import { HttpError } from "../http-error";

/** Turns the catalog's and JD store's own errors into HTTP responses a route can throw. */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HttpError) {
      throw error.toResponse();
    }
    throw error;
  }
}
