import type { Answer } from "../../api/client";

export type Repository = Answer<"/api/v1/repositories">[number];
export type FileError = {
  file: string;
  document?: number;
  field?: string;
  message: string;
  severity?: string;
};
export type RepositoryStatus = {
  phase?: string;
  lastSyncTime?: string;
  revision?: string;
  templateCount?: number;
  errors?: FileError[];
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
};

export const statusOf = (r: Repository) => (r.status ?? {}) as RepositoryStatus;
