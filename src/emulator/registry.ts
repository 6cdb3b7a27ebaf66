/**
 * The repositories the emulator knows: Codeup organizations and their repositories, CodeArts
 * projects with nested groups and repositories, ServiceStage namespaces and projects. Discovery
 * APIs list them; hook APIs check them.
 *
 * Two modes (issue 9, item 5):
 * - lenient (the default without a fleet): any repository or group id is taken as existing and is
 *   registered on first use by a hook API, so tests and the demo can still create hooks on arbitrary
 *   ids such as `codearts:77` or `codeup:ORG/100`. Registered that way, a Codeup repository is listed
 *   under its organization and a ServiceStage project under its namespace; a CodeArts group or
 *   repository belongs to no CodeArts project (none is named in its path), so project-wide
 *   discovery does not list it.
 * - strict (always on when a fleet is loaded, or with `strict: true`): an unknown repository or group
 *   answers as the real API does for a missing one (each provider module names its error).
 */

export interface CodeupRepository {
  id: number;
  organizationId: string;
  name: string;
  path: string;
  archived: boolean;
  createdAt: string;
}

export interface CodeartsProject {
  /** The 32-hex CodeArts project uuid. */
  id: string;
  name: string;
}

export interface CodeartsGroup {
  id: number;
  /** '' for a group registered on first use (its project is unknown). */
  projectId: string;
  parentId: number | null;
  name: string;
  path: string;
  /** Slash-joined paths from the top group down, e.g. `platform/backend`. */
  fullPath: string;
  createdAt: string;
}

export interface CodeartsRepository {
  id: number;
  projectId: string;
  /** The group the repository sits in; null at the project's top level. */
  groupId: number | null;
  name: string;
  path: string;
  /** The namespace (`fullPath` of the group, or the project name) plus '/' plus the path. */
  fullPath: string;
  archived: boolean;
  createdAt: string;
}

export interface ServicestageNamespace {
  /** IAM project id. */
  projectId: string;
  id: string;
  name: string;
}

export interface ServicestageProject {
  projectId: string;
  /** The namespace name. */
  namespace: string;
  id: string;
  /** The repository path (a '/' in it travels as ':' in hook paths). */
  name: string;
  cloneUrl: string;
}

export type CodeartsChild = { kind: 'group'; group: CodeartsGroup } | { kind: 'repository'; repository: CodeartsRepository };

export interface RegistrySnapshot {
  codeup: Record<string, CodeupRepository[]>;
  codearts: { projects: CodeartsProject[]; groups: CodeartsGroup[]; repositories: CodeartsRepository[] };
  servicestage: Record<string, { namespace: ServicestageNamespace; projects: ServicestageProject[] }[]>;
}

/** Children lists are keyed `p:<projectId>` (top level) or `g:<groupId>`. */
const parentKey = (projectId: string, groupId: number | null): string => (groupId === null ? `p:${projectId}` : `g:${groupId}`);

export class RepositoryRegistry {
  readonly #codeup = new Map<string, Map<number, CodeupRepository>>();
  readonly #codeartsProjects = new Map<string, CodeartsProject>();
  readonly #codeartsGroups = new Map<number, CodeartsGroup>();
  readonly #codeartsRepos = new Map<number, CodeartsRepository>();
  readonly #codeartsChildren = new Map<string, CodeartsChild[]>();
  /** IAM project id → namespace name → namespace and its projects. */
  readonly #servicestage = new Map<string, Map<string, { namespace: ServicestageNamespace; projects: ServicestageProject[] }>>();

  clear(): void {
    this.#codeup.clear();
    this.#codeartsProjects.clear();
    this.#codeartsGroups.clear();
    this.#codeartsRepos.clear();
    this.#codeartsChildren.clear();
    this.#servicestage.clear();
  }

  // Codeup

  addCodeupRepository(repository: CodeupRepository): void {
    let org = this.#codeup.get(repository.organizationId);
    if (!org) {
      org = new Map();
      this.#codeup.set(repository.organizationId, org);
    }
    org.set(repository.id, repository);
  }

  hasCodeupOrganization(organizationId: string): boolean {
    return this.#codeup.has(organizationId);
  }

  codeupRepositories(organizationId: string): CodeupRepository[] {
    return [...(this.#codeup.get(organizationId)?.values() ?? [])];
  }

  /** True when the repository exists; in lenient mode an unknown one is registered first. */
  useCodeupRepository(organizationId: string, id: number, strict: boolean, now: string): boolean {
    if (this.#codeup.get(organizationId)?.has(id)) return true;
    if (strict) return false;
    this.addCodeupRepository({ id, organizationId, name: `repo-${id}`, path: `repo-${id}`, archived: false, createdAt: now });
    return true;
  }

  // CodeArts

  addCodeartsProject(project: CodeartsProject): void {
    this.#codeartsProjects.set(project.id, project);
  }

  codeartsProject(id: string): CodeartsProject | undefined {
    return this.#codeartsProjects.get(id);
  }

  addCodeartsGroup(group: CodeartsGroup): void {
    this.#codeartsGroups.set(group.id, group);
    if (group.projectId !== '') this.#child(parentKey(group.projectId, group.parentId), { kind: 'group', group });
  }

  codeartsGroup(id: number): CodeartsGroup | undefined {
    return this.#codeartsGroups.get(id);
  }

  addCodeartsRepository(repository: CodeartsRepository): void {
    this.#codeartsRepos.set(repository.id, repository);
    if (repository.projectId !== '') {
      this.#child(parentKey(repository.projectId, repository.groupId), { kind: 'repository', repository });
    }
  }

  codeartsRepository(id: number): CodeartsRepository | undefined {
    return this.#codeartsRepos.get(id);
  }

  /** Direct children of a project's top level (groupId null) or of a group: groups first, then repositories. */
  codeartsChildren(projectId: string, groupId: number | null): CodeartsChild[] {
    const children = this.#codeartsChildren.get(parentKey(projectId, groupId)) ?? [];
    return [...children.filter((c) => c.kind === 'group'), ...children.filter((c) => c.kind === 'repository')];
  }

  /** Every repository of a project, nested groups included, in id order. */
  codeartsProjectRepositories(projectId: string): CodeartsRepository[] {
    return [...this.#codeartsRepos.values()].filter((r) => r.projectId === projectId).sort((a, b) => a.id - b.id);
  }

  useCodeartsGroup(id: number, strict: boolean, now: string): boolean {
    if (this.#codeartsGroups.has(id)) return true;
    if (strict) return false;
    this.addCodeartsGroup({ id, projectId: '', parentId: null, name: `group-${id}`, path: `group-${id}`, fullPath: `group-${id}`, createdAt: now });
    return true;
  }

  useCodeartsRepository(id: number, strict: boolean, now: string): boolean {
    if (this.#codeartsRepos.has(id)) return true;
    if (strict) return false;
    this.addCodeartsRepository({
      id,
      projectId: '',
      groupId: null,
      name: `repo-${id}`,
      path: `repo-${id}`,
      fullPath: `repo-${id}`,
      archived: false,
      createdAt: now,
    });
    return true;
  }

  #child(key: string, child: CodeartsChild): void {
    const list = this.#codeartsChildren.get(key);
    if (list) list.push(child);
    else this.#codeartsChildren.set(key, [child]);
  }

  // ServiceStage

  addServicestageNamespace(namespace: ServicestageNamespace): void {
    let byName = this.#servicestage.get(namespace.projectId);
    if (!byName) {
      byName = new Map();
      this.#servicestage.set(namespace.projectId, byName);
    }
    if (!byName.has(namespace.name)) byName.set(namespace.name, { namespace, projects: [] });
  }

  addServicestageProject(project: ServicestageProject): void {
    this.addServicestageNamespace({ projectId: project.projectId, id: project.namespace, name: project.namespace });
    this.#servicestage.get(project.projectId)?.get(project.namespace)?.projects.push(project);
  }

  servicestageNamespaces(projectId: string): ServicestageNamespace[] {
    return [...(this.#servicestage.get(projectId)?.values() ?? [])].map((entry) => entry.namespace);
  }

  /** A namespace by id or name (servicestage.md §3: the path takes either). */
  servicestageNamespace(projectId: string, idOrName: string): ServicestageNamespace | undefined {
    const byName = this.#servicestage.get(projectId);
    if (!byName) return undefined;
    const direct = byName.get(idOrName);
    if (direct) return direct.namespace;
    return [...byName.values()].find((entry) => entry.namespace.id === idOrName)?.namespace;
  }

  servicestageProjects(projectId: string, namespace: string): ServicestageProject[] {
    return this.#servicestage.get(projectId)?.get(namespace)?.projects ?? [];
  }

  /** A project by id or path within a namespace name. */
  servicestageProject(projectId: string, namespace: string, idOrName: string): ServicestageProject | undefined {
    return this.servicestageProjects(projectId, namespace).find((p) => p.name === idOrName || p.id === idOrName);
  }

  /**
   * The canonical (namespace name, project path) for a hook path, or undefined when unknown in
   * strict mode. In lenient mode an unknown one is registered as given.
   */
  useServicestageProject(projectId: string, namespace: string, project: string, strict: boolean): { namespace: string; project: string } | undefined {
    const ns = this.servicestageNamespace(projectId, namespace);
    const known = ns && this.servicestageProject(projectId, ns.name, project);
    if (ns && known) return { namespace: ns.name, project: known.name };
    if (strict) return undefined;
    const nsName = ns?.name ?? namespace;
    this.addServicestageProject({ projectId, namespace: nsName, id: project, name: project, cloneUrl: `https://git.example.com/${nsName}/${project}.git` });
    return { namespace: nsName, project };
  }

  counts(): { codeup: number; codeartsGroups: number; codeartsRepositories: number; servicestage: number } {
    let codeup = 0;
    for (const org of this.#codeup.values()) codeup += org.size;
    let servicestage = 0;
    for (const byName of this.#servicestage.values()) for (const entry of byName.values()) servicestage += entry.projects.length;
    return { codeup, codeartsGroups: this.#codeartsGroups.size, codeartsRepositories: this.#codeartsRepos.size, servicestage };
  }

  toJSON(): RegistrySnapshot {
    return structuredClone({
      codeup: Object.fromEntries([...this.#codeup].map(([org, repos]) => [org, [...repos.values()]])),
      codearts: {
        projects: [...this.#codeartsProjects.values()],
        groups: [...this.#codeartsGroups.values()],
        repositories: [...this.#codeartsRepos.values()],
      },
      servicestage: Object.fromEntries([...this.#servicestage].map(([pid, byName]) => [pid, [...byName.values()]])),
    });
  }
}
