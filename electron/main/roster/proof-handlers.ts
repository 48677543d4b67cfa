// The proofs of completion's part of the handler map.
import type { Handlers } from '../../../shared/ipc';
import type { RosterParts } from './roster-class';
import { makeProofs, type ProofSources } from './roster-proof';

export function proofHandlers(parts: RosterParts, sources: ProofSources): Pick<Handlers, 'proofs:make'> {
  return {
    'proofs:make': ({ offeringRowId, ids }) => makeProofs(parts, sources, offeringRowId, ids),
  };
}
