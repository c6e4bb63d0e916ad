import Docker from "dockerode";

let shared: Docker | undefined;

/** One client per process; dockerode reads DOCKER_HOST itself and falls back to the local socket. */
export function dockerClient(): Docker {
  shared ??= new Docker();
  return shared;
}
