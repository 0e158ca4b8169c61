export {
  caKeyOf,
  listingReferenceDiagnostics,
  referenceDiagnostics,
  referencesOf,
  referenceStateFromListing,
  type NamespaceListings,
  type WantedReference,
} from './references.js';
