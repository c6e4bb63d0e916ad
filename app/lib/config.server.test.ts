import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.server";

const valid = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", REDIS_URL: "redis://127.0.0.1:6379" };

describe("parseConfig", () => {
  it("applies defaults and derives the public URL", () => {
    const config = parseConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe("development");
    expect(config.PUBLIC_URL).toBe("http://127.0.0.1:3000");
    expect(config.RUNNER_CONCURRENCY).toBe(1);
  });

  it("names every bad variable, says what is wrong and gives an example", () => {
    let message = "";
    try {
      parseConfig({ REDIS_URL: "http://nope", PORT: "99999", NODE_ENV: "staging" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain("DATABASE_URL is not set (example: DATABASE_URL=postgresql://");
    expect(message).toContain("REDIS_URL must be a redis:// URL (example: REDIS_URL=redis://");
    expect(message).toMatch(/PORT .*65535/);
    expect(message).toMatch(/NODE_ENV .*(development|production)/);
  });
});
