import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { ApiProblem } from "../lib/api/problem.server";
import { isTokenApiPath } from "./security";

// A request refused before it reaches a route (too large, an unreadable address) is answered in
// the form its client reads: an RFC 9457 problem document on the token API, plain text elsewhere.

export interface Refusal {
  status: number;
  kind: string;
  title: string;
  detail: string;
}

export function refuse(req: ExpressRequest, res: ExpressResponse, refusal: Refusal): void {
  res.status(refusal.status);
  if (isTokenApiPath(req.path)) {
    const problem = new ApiProblem(refusal.status, refusal.kind, refusal.title, refusal.detail);
    res.type("application/problem+json").send(JSON.stringify(problem.toDetails(req.path)));
    return;
  }
  res.type("text/plain").send(`Refused: ${refusal.detail}`);
}
