import { invitationRoutes } from "./invitations-api.server";
import { partnerRoutes } from "./partner-api.server";
import { readRoutes } from "./reads-api.server";
import { createApiHandler } from "./router.server";
import { webhookRoutes } from "./webhooks-api.server";

export const handleApiRequest = createApiHandler([...readRoutes, ...invitationRoutes, ...webhookRoutes, ...partnerRoutes]);
