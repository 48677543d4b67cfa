// The one way tests build the main process's services: a fresh data folder, a
// keychain service name of the test's own (every entry removed afterwards),
// and a sandbox Marketplace on port 0 when the test needs one.
import type { TestContext } from 'node:test';
import { createServices, type ServiceOptions, type Services } from '../../electron/main/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { startSandbox, type GatewayAccount, type Sandbox, type SandboxOptions } from '../../electron/main/sandbox/sandbox-server';
import type { StandardKey } from '../../shared/standards';
import { tempDir, uniqueKeychainService } from './helpers';

export const KEYCHAIN_ACCOUNTS = ['marketplace-network-key', 'gateway-client-secret', 'gateway-subscription-key', 'learner-data-key', 'team-database-password'];

export function testServices(t: TestContext, options: Partial<ServiceOptions> = {}): { services: Services; keychainService: string } {
  const keychainService = options.keychainService ?? uniqueKeychainService();
  const services = createServices({ dataDir: tempDir(), keychainService, ...options });
  t.after(async () => {
    await services.close();
    const store = keytarStore(keychainService);
    for (const account of KEYCHAIN_ACCOUNTS) await store.delete(account);
  });
  return { services, keychainService };
}

export async function testSandbox(t: TestContext, options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  t.after(() => sandbox.close());
  return sandbox;
}

/** Settings → Connection filled for a gateway sandbox's one provider, as `settings:save` takes it. */
export function gatewaySettings(sandbox: Sandbox, account: GatewayAccount, programIds: Partial<Record<StandardKey, string>>) {
  return {
    connection: 'gateway' as const,
    gatewayBaseUrl: sandbox.baseUrl,
    gatewayTokenUrl: sandbox.tokenUrl,
    gatewayClientId: account.clientId,
    clientSecret: account.clientSecret,
    subscriptionKey: account.subscriptionKey,
    programIds,
  };
}
