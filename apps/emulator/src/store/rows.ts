/**
 * Rows of the store as the API handlers and the side effects (effects/) read and write them.
 * Here, below both, so that effects never import the API layer that calls them.
 */
export interface NamespaceRow {
  id: number;
  region: string;
  name: string;
  domain_id: string;
  creator_id: string;
  creator_name: string;
  created_at: string;
}

export interface RepositoryRow {
  id: number;
  namespace_id: number;
  region: string;
  domain_id: string;
  name: string;
  category: string;
  description: string;
  is_public: number;
  creator_id: string;
  creator_name: string;
  num_images: number;
  size: number;
  num_download: number;
  created_at: string;
  updated_at: string;
}

/** A repository with its organization's name. */
export interface RepositoryRef extends RepositoryRow {
  namespace: string;
}

export interface TagRow {
  id: number;
  repository_id: number;
  tag: string;
  digest: string;
  image_id: string;
  manifest: string;
  size: number;
  schema: number;
  tag_type: number;
  created: string;
  updated: string;
}

export interface AuthRow {
  user_id: string;
  user_name: string;
  auth: number;
}
