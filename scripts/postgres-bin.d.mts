export function postgresBin(env?: NodeJS.ProcessEnv): { dir: string; reason: null } | { dir: null; reason: string };
