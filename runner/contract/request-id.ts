// A request id names one HTTP request in the web's log lines; a grading job carries the id of the
// upload (or regrade) that queued it, so the worker's lines about that grading can be found with it.
import { z } from "zod";

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const requestIdSchema = z.string().regex(REQUEST_ID_PATTERN, "must be a request id");
