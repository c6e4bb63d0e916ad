// Public JD pages carry nothing per visitor, so caches may keep them briefly and revalidate by ETag.
export const PUBLIC_PAGE_HEADERS = { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" };
