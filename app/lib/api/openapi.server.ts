// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json and rendered at
// /api/docs. Request bodies are generated from the same zod schemas the handlers parse with;
// response schemas are written out (additionalProperties: false), and the integration tests
// validate every response against them with the runner's own contract checker.
import { z } from "zod";
import { API_SCOPES, API_SCOPE_LABELS } from "~/domain/api/scopes";
import { WEBHOOK_EVENTS } from "../../../runner/webhooks/events";
import { CreateInvitationBody, CreateInvitationsBody, ExtendInvitationBody } from "./invitations-api.server";
import { SendTestBody } from "./partner-api.server";
import { SubscriptionInput, SubscriptionPatch } from "./webhooks.server";

type Schema = Record<string, unknown>;

function fromZod(schema: z.ZodType): Schema {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Schema;
  delete json.$schema;
  return stripDatePatterns(json) as Schema;
}

// zod spells date-time out as a long regex as well; `format` already says it.
function stripDatePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDatePatterns);
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node).filter(([key]) => !(key === "pattern" && (node as Schema).format === "date-time"));
  return Object.fromEntries(entries.map(([key, value]) => [key, stripDatePatterns(value)]));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Schema = {}) => ({ type: [type, "null"], ...extra });
const dateTime = { type: "string", format: "date-time" };
const nullableDateTime = { type: ["string", "null"], format: "date-time" };
const url = { type: "string", format: "uri" };

function object(properties: Record<string, unknown>, required: string[] = Object.keys(properties)): Schema {
  return { type: "object", properties, required, additionalProperties: false };
}

const listOf = (item: string) => object({ data: { type: "array", items: ref(item) }, nextCursor: nullable("string") });

const schemas: Record<string, Schema> = {
  Problem: {
    type: "object",
    description: "An RFC 9457 problem document.",
    properties: {
      type: url,
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      instance: { type: "string" },
      errors: { type: "array", items: object({ path: { type: "string" }, message: { type: "string" } }) },
    },
    required: ["type", "title", "status", "detail"],
  },
  Assessment: object({
    id: { type: "string" },
    slug: { type: "string" },
    title: { type: "string" },
    level: { enum: ["junior", "intermediate", "senior"] },
    version: { type: "string" },
    timeLimitMinutes: { type: "integer" },
    attemptLimit: { type: "integer" },
    active: { type: "boolean" },
    competencies: { type: "array", items: object({ competencyId: { type: "string" }, weight: { type: "number" } }) },
    limits: { type: "object", additionalProperties: { type: "number" }, description: "Resource limits the candidate's service runs under (memoryMb, cpus, …)." },
  }),
  AssessmentList: listOf("Assessment"),
  JobDescription: object({
    id: { type: "string" },
    slug: { type: "string" },
    title: { type: "string" },
    level: { enum: ["junior", "intermediate", "senior"] },
    status: { enum: ["draft", "published", "archived"] },
    version: { type: "integer" },
    assessmentId: nullable("string"),
    publishedAt: nullableDateTime,
    createdAt: dateTime,
    updatedAt: dateTime,
    links: object({
      publicPage: { type: ["string", "null"], format: "uri", description: "The public job page, once published." },
      pdf: { ...url, description: "Export for signed-in users of the web app." },
      markdown: url,
      jsonLd: url,
    }),
  }),
  JobDescriptionList: listOf("JobDescription"),
  Invitation: object({
    id: { type: "string" },
    candidateName: { type: "string" },
    candidateEmail: { type: "string", format: "email" },
    assessmentId: { type: "string" },
    jobDescriptionId: nullable("string"),
    status: { enum: ["invited", "started", "submitted", "expired", "revoked"] },
    deadline: dateTime,
    startedAt: nullableDateTime,
    revokedAt: nullableDateTime,
    createdAt: dateTime,
    attemptsUsed: { type: "integer" },
    attemptLimit: { type: "integer" },
    scorecardUrl: url,
  }),
  InvitationList: listOf("Invitation"),
  TestCounts: object({ total: { type: "integer" }, passed: { type: "integer" } }),
  Submission: object({
    id: { type: "string" },
    invitationId: { type: "string" },
    attempt: { type: "integer" },
    status: { enum: ["queued", "building", "running", "graded", "failed", "error"] },
    failureReason: nullable("string"),
    overallScore: nullable("number", { minimum: 0, maximum: 1, description: "0 to 1; null until graded." }),
    competencyScores: {
      type: "array",
      items: object({ competencyId: { type: "string" }, score: { type: "number", minimum: 0, maximum: 1 }, earned: { type: "number" }, possible: { type: "number" } }),
    },
    tests: object({ public: ref("TestCounts"), hidden: ref("TestCounts") }),
    createdAt: dateTime,
    startedAt: nullableDateTime,
    finishedAt: nullableDateTime,
    reportUrl: url,
  }),
  SubmissionList: listOf("Submission"),
  Review: object({
    id: { type: "string" },
    reviewerName: { type: "string" },
    recommendation: { enum: ["strong_no", "no", "yes", "strong_yes", null] },
    notes: { type: "string" },
    submittedAt: dateTime,
    ratings: {
      type: "array",
      items: object({ competencyId: { type: "string" }, rating: { enum: ["strong_no", "no", "yes", "strong_yes"] }, note: { type: "string" } }),
    },
  }),
  Scorecard: object({
    invitationId: { type: "string" },
    candidateName: { type: "string" },
    assessmentId: { type: "string" },
    jobDescriptionId: nullable("string"),
    latestSubmission: { oneOf: [ref("Submission"), { type: "null" }] },
    countedSubmission: {
      oneOf: [ref("Submission"), { type: "null" }],
      description: "The attempt that counts: the latest graded one, else the latest (a later attempt that is queued, failed or ended in our error never hides an earlier grade).",
    },
    submissions: { type: "array", items: ref("Submission") },
    reviews: { type: "array", items: ref("Review"), description: "Submitted reviews only; drafts stay private." },
    reportUrl: url,
  }),
  Webhook: object({
    id: { type: "string" },
    url,
    events: { type: "array", items: { enum: [...WEBHOOK_EVENTS] } },
    description: { type: "string" },
    enabled: { type: "boolean" },
    disabledReason: nullable("string"),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  WebhookList: object({ data: { type: "array", items: ref("Webhook") } }),
  Delivery: object({
    id: { type: "string", description: "Also the Hirekit-Delivery header; deduplicate on it." },
    event: { enum: [...WEBHOOK_EVENTS] },
    status: { enum: ["pending", "delivered", "failed"] },
    attempts: { type: "integer" },
    responseStatus: nullable("integer"),
    error: nullable("string"),
    createdAt: dateTime,
    lastAttemptAt: nullableDateTime,
    deliveredAt: nullableDateTime,
  }),
  DeliveryList: object({ data: { type: "array", items: ref("Delivery") } }),
  PartnerTest: object({ partner_test_id: { type: "string" }, partner_test_name: { type: "string" } }),
  PartnerSentTest: object({ partner_interview_id: { type: "string" }, candidate_url: url }),
  PartnerTestStatus: object({
    partner_status: { enum: ["pending", "in_progress", "complete", "expired", "cancelled"] },
    partner_profile_url: url,
    partner_score: nullable("number", { minimum: 0, maximum: 100 }),
    metadata: object({ hirekit_status: { type: "string" }, submission_status: nullable("string") }),
  }),
};

const invitationProperties = (schemas.Invitation as { properties: Schema }).properties;
schemas.CreatedInvitation = object({ ...invitationProperties, candidateUrl: { ...url, description: "The candidate's link; returned only here (Hirekit keeps only its hash)." } });
schemas.CreatedInvitationList = object({ data: { type: "array", items: ref("CreatedInvitation") } });
schemas.CreatedWebhook = object({ ...(schemas.Webhook as { properties: Schema }).properties, secret: { type: "string", description: "The signing secret; shown only in this response." } });

const WEBHOOK_DATA: Record<(typeof WEBHOOK_EVENTS)[number], Schema> = {
  "invitation.created": object({ invitation: ref("Invitation") }),
  "invitation.expired": object({ invitation: ref("Invitation") }),
  "submission.graded": object({ submission: ref("Submission") }),
  "submission.failed": object({ submission: ref("Submission") }),
  "review.submitted": object({ invitationId: { type: "string" }, review: ref("Review") }),
};

const problemContent = { "application/problem+json": { schema: ref("Problem") } };
const problem = (description: string) => ({ description, content: problemContent });
const rateHeaders = {
  "X-RateLimit-Limit": { schema: { type: "string" }, description: "Requests per minute for this token." },
  "X-RateLimit-Remaining": { schema: { type: "string" } },
  "X-RateLimit-Reset": { schema: { type: "string" }, description: "Seconds until the window ends." },
};
const common = {
  "400": problem("Malformed request (bad JSON, cursor or Idempotency-Key)."),
  "401": { ...problem("Missing, unknown, revoked or expired token."), headers: { "WWW-Authenticate": { schema: { type: "string" } } } },
  "403": problem("The token lacks the scope this operation needs."),
  "405": problem("Method not allowed here."),
  "415": problem("The body is not application/json."),
  "422": problem("The body or query failed validation, or an Idempotency-Key was reused with another body."),
  "429": { ...problem("Rate limit reached."), headers: { "Retry-After": { schema: { type: "string" }, required: true } } },
  "500": problem("Failure on our side; safe to retry."),
};

function ok(status: string, description: string, schema: string | Schema, extra: Schema = {}) {
  return { [status]: { description, headers: rateHeaders, content: { "application/json": { schema: typeof schema === "string" ? ref(schema) : schema } }, ...extra } };
}

const idParam = (name: string, description: string) => ({ name, in: "path", required: true, schema: { type: "string" }, description });
const queryParam = (name: string, schema: Schema, description?: string) => ({ name, in: "query", required: false, schema, ...(description ? { description } : {}) });
const paging = [
  queryParam("limit", { type: "integer", minimum: 1, maximum: 100, default: 25 }),
  queryParam("cursor", { type: "string" }, "The nextCursor of the previous page."),
];
const idempotencyKey = { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 255 }, description: "Same key and body: the stored answer again. Same key, other body: 422." };
const jsonBody = (schema: Schema) => ({ required: true, content: { "application/json": { schema } } });

function operation(id: string, summary: string, scope: string, tags: string[], rest: Schema) {
  const { responses, ...others } = rest as { responses: Schema };
  return { operationId: id, summary, tags, security: [{ bearer: [scope] }, { partnerKey: [scope] }], "x-required-scope": scope, ...others, responses: { ...responses, ...common } };
}

export function openApiDocument(serverUrl: string): Schema {
  const notFound = { "404": problem("No such resource.") };
  const conflict = { "409": problem("The change conflicts with the resource's state, or the same Idempotency-Key is still in progress.") };
  return {
    openapi: "3.1.0",
    info: {
      title: "Hirekit API",
      version: "1.0.0",
      description:
        "The public API for applicant tracking systems: assessments, job descriptions, invitations, submissions, scorecards and webhooks. " +
        "Authenticate with an API token (`Authorization: Bearer hk_…`) created by an admin. Errors are RFC 9457 problem documents. " +
        "See docs/api.md for webhooks, signatures and the Greenhouse-style partner mapping.",
    },
    servers: [{ url: `${serverUrl.replace(/\/+$/, "")}/api/v1` }],
    tags: [
      { name: "Assessments" },
      { name: "Job descriptions" },
      { name: "Invitations" },
      { name: "Submissions" },
      { name: "Scorecards" },
      { name: "Webhooks" },
      { name: "Assessment partner" },
    ],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: `API token. Scopes: ${API_SCOPES.map((scope) => `${scope} (${API_SCOPE_LABELS[scope]})`).join("; ")}.` },
        partnerKey: { type: "http", scheme: "basic", description: "The API token as user name and an empty password, as Greenhouse sends partner keys." },
      },
      schemas,
    },
    webhooks: Object.fromEntries(
      (Object.entries(WEBHOOK_DATA) as [string, Schema][]).map(([event, data]) => [
        event,
        {
          post: {
            operationId: `webhook-${event}`,
            summary: `${event} (sent to subscribed URLs; see docs/api.md for the Hirekit-Signature header)`,
            tags: ["Webhooks"],
            parameters: [
              { name: "Hirekit-Event", in: "header", required: true, schema: { const: event } },
              { name: "Hirekit-Delivery", in: "header", required: true, schema: { type: "string", format: "uuid" }, description: "Deduplicate on it." },
              { name: "Hirekit-Signature", in: "header", required: true, schema: { type: "string", pattern: "^t=\\d+,v1=[0-9a-f]{64}$" } },
            ],
            requestBody: {
              required: true,
              content: { "application/json": { schema: object({ id: { type: "string", format: "uuid" }, event: { const: event }, createdAt: dateTime, data }) } },
            },
            responses: { "2XX": { description: "Received. Anything else is retried." } },
          },
        },
      ]),
    ),
    paths: {
      "/assessments": {
        get: operation("listAssessments", "List assessments", "read", ["Assessments"], {
          parameters: [...paging, queryParam("level", { enum: ["junior", "intermediate", "senior"] })],
          responses: ok("200", "A page of assessments.", "AssessmentList"),
        }),
      },
      "/assessments/{id}": {
        get: operation("getAssessment", "Get an assessment with its competencies and limits", "read", ["Assessments"], {
          parameters: [idParam("id", "Assessment id or slug.")],
          responses: { ...ok("200", "The assessment.", "Assessment"), ...notFound },
        }),
      },
      "/job-descriptions": {
        get: operation("listJobDescriptions", "List job descriptions", "read", ["Job descriptions"], {
          parameters: [...paging, queryParam("status", { enum: ["draft", "published", "archived"] }), queryParam("level", { enum: ["junior", "intermediate", "senior"] })],
          responses: ok("200", "A page of job descriptions.", "JobDescriptionList"),
        }),
      },
      "/job-descriptions/{id}": {
        get: operation("getJobDescription", "Get a job description with its export links", "read", ["Job descriptions"], {
          parameters: [idParam("id", "Job description id or slug.")],
          responses: { ...ok("200", "The job description.", "JobDescription"), ...notFound },
        }),
      },
      "/invitations": {
        get: operation("listInvitations", "List invitations", "read", ["Invitations"], {
          parameters: [
            ...paging,
            queryParam("assessmentId", { type: "string" }),
            queryParam("jobDescriptionId", { type: "string" }),
            queryParam("email", { type: "string" }),
            queryParam("status", { enum: ["invited", "started", "submitted", "expired", "revoked"] }),
          ],
          responses: ok("200", "A page of invitations, newest first.", "InvitationList"),
        }),
        post: operation("createInvitation", "Invite one candidate", "invitations:write", ["Invitations"], {
          parameters: [idempotencyKey],
          requestBody: jsonBody(fromZod(CreateInvitationBody)),
          responses: { ...ok("201", "Created; candidateUrl is shown only here.", "CreatedInvitation", { headers: { ...rateHeaders, Location: { schema: { type: "string" } } } }), ...conflict },
        }),
      },
      "/invitations/batch": {
        post: operation("createInvitations", "Invite up to 100 candidates to one assessment", "invitations:write", ["Invitations"], {
          parameters: [idempotencyKey],
          requestBody: jsonBody(fromZod(CreateInvitationsBody)),
          responses: { ...ok("201", "All created, or none.", "CreatedInvitationList"), ...conflict },
        }),
      },
      "/invitations/{id}": {
        get: operation("getInvitation", "Get an invitation", "read", ["Invitations"], {
          parameters: [idParam("id", "Invitation id.")],
          responses: { ...ok("200", "The invitation.", "Invitation"), ...notFound },
        }),
      },
      "/invitations/{id}/revoke": {
        post: operation("revokeInvitation", "Revoke an invitation (the link stops working)", "invitations:write", ["Invitations"], {
          parameters: [idParam("id", "Invitation id."), idempotencyKey],
          responses: { ...ok("200", "The revoked invitation.", "Invitation"), ...notFound, ...conflict },
        }),
      },
      "/invitations/{id}/extend": {
        post: operation("extendInvitation", "Move an invitation's deadline later", "invitations:write", ["Invitations"], {
          parameters: [idParam("id", "Invitation id."), idempotencyKey],
          requestBody: jsonBody(fromZod(ExtendInvitationBody)),
          responses: { ...ok("200", "The extended invitation.", "Invitation"), ...notFound, ...conflict },
        }),
      },
      "/submissions": {
        get: operation("listSubmissions", "List submissions", "read", ["Submissions"], {
          parameters: [
            ...paging,
            queryParam("invitationId", { type: "string" }),
            queryParam("assessmentId", { type: "string" }),
            queryParam("status", { enum: ["queued", "building", "running", "graded", "failed", "error"] }),
          ],
          responses: ok("200", "A page of submissions, newest first.", "SubmissionList"),
        }),
      },
      "/submissions/{id}": {
        get: operation("getSubmission", "Get a submission with its scores and test counts", "read", ["Submissions"], {
          parameters: [idParam("id", "Submission id.")],
          responses: { ...ok("200", "The submission.", "Submission"), ...notFound },
        }),
      },
      "/scorecards/{invitationId}": {
        get: operation("getScorecard", "Get a candidate's scorecard with submitted reviews", "read", ["Scorecards"], {
          parameters: [idParam("invitationId", "Invitation id.")],
          responses: { ...ok("200", "The scorecard.", "Scorecard"), ...notFound },
        }),
      },
      "/webhooks": {
        get: operation("listWebhooks", "List webhook subscriptions", "read", ["Webhooks"], { responses: ok("200", "All subscriptions.", "WebhookList") }),
        post: operation("createWebhook", "Subscribe a URL to events", "webhooks:write", ["Webhooks"], {
          parameters: [idempotencyKey],
          requestBody: jsonBody(fromZod(SubscriptionInput.strict())),
          responses: ok("201", "Created; the secret is shown only here.", "CreatedWebhook", { headers: { ...rateHeaders, Location: { schema: { type: "string" } } } }),
        }),
      },
      "/webhooks/{id}": {
        get: operation("getWebhook", "Get a webhook subscription", "read", ["Webhooks"], {
          parameters: [idParam("id", "Subscription id.")],
          responses: { ...ok("200", "The subscription.", "Webhook"), ...notFound },
        }),
        patch: operation("updateWebhook", "Change a subscription's URL, events or description, or enable/disable it", "webhooks:write", ["Webhooks"], {
          parameters: [idParam("id", "Subscription id.")],
          requestBody: jsonBody(fromZod(SubscriptionPatch.strict())),
          responses: { ...ok("200", "The changed subscription.", "Webhook"), ...notFound },
        }),
        delete: operation("deleteWebhook", "Delete a subscription and its delivery log", "webhooks:write", ["Webhooks"], {
          parameters: [idParam("id", "Subscription id.")],
          responses: { "204": { description: "Deleted.", headers: rateHeaders }, ...notFound },
        }),
      },
      "/webhooks/{id}/deliveries": {
        get: operation("listDeliveries", "The subscription's latest 50 deliveries", "read", ["Webhooks"], {
          parameters: [idParam("id", "Subscription id.")],
          responses: { ...ok("200", "Newest first.", "DeliveryList"), ...notFound },
        }),
      },
      "/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        post: operation("redeliver", "Send a delivery again (same id and body, new signature)", "webhooks:write", ["Webhooks"], {
          parameters: [idParam("id", "Subscription id."), idParam("deliveryId", "Delivery id."), idempotencyKey],
          responses: { ...ok("202", "Queued.", object({ id: { type: "string" }, status: { const: "pending" } })), ...notFound },
        }),
      },
      "/partner/greenhouse/list_tests": {
        get: operation("partnerListTests", "Assessment partner: the tests an ATS may send", "read", ["Assessment partner"], {
          responses: ok("200", "Active assessments.", { type: "array", items: ref("PartnerTest") }),
        }),
      },
      "/partner/greenhouse/send_test": {
        post: operation("partnerSendTest", "Assessment partner: invite a candidate", "invitations:write", ["Assessment partner"], {
          parameters: [idempotencyKey],
          requestBody: jsonBody(fromZod(SendTestBody)),
          responses: ok("200", "The invitation id and the candidate's link.", "PartnerSentTest"),
        }),
      },
      "/partner/greenhouse/test_status": {
        get: operation("partnerTestStatus", "Assessment partner: status, score (0–100) and report link", "read", ["Assessment partner"], {
          parameters: [{ name: "partner_interview_id", in: "query", required: true, schema: { type: "string" } }],
          responses: { ...ok("200", "The test's status.", "PartnerTestStatus"), ...notFound },
        }),
      },
    },
  };
}
