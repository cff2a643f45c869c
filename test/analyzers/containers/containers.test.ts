import { describe, expect, it } from 'vitest';
import { cliFacts, rules } from '../kubernetes/helpers';

describe('containers', () => {
  it('names the volumes a volume rm deletes, after global options', async () => {
    const facts = await cliFacts('docker --context prod-host volume rm -f pgdata uploads');
    expect(facts.map((f) => [f.object, f.action, f.name])).toEqual([['volume', 'delete', 'pgdata'], ['volume', 'delete', 'uploads']]);
    expect(facts[0]!.targets).toEqual(expect.arrayContaining([{ kind: 'name', value: 'prod-host' }]));
  });

  it('flags volume deletion, prunes and compose down -v', async () => {
    expect(await rules('docker volume prune -af')).toContain('containers/volume-prune');
    expect(await rules('docker system prune -a --volumes')).toContain('containers/system-prune-volumes');
    expect(await rules('docker compose -f docker-compose.prod.yml down -v')).toContain('containers/compose-down-volumes');
    expect(await rules('docker-compose down --volumes')).toContain('containers/compose-down-volumes');
    expect(await rules('podman volume rm data')).toContain('containers/volume-delete');
  });

  it('lets plain container removals and read commands through', async () => {
    for (const line of ['docker rm web', 'docker compose down', 'docker ps -a', 'docker volume ls', 'docker image prune', 'docker run --rm -v data:/d alpine ls /d']) {
      expect(await rules(line), line).toEqual([]);
    }
  });

  it('confirms forced removals and system prune, which take stopped containers with them', async () => {
    expect(await rules('docker rm -f web')).toEqual(['containers/force-remove']);
    expect(await rules('docker system prune -f')).toContain('containers/system-prune');
  });

  it('confirms removals of everything a substitution lists', async () => {
    expect(await rules('docker rm -f $(docker ps -aq)')).toContain('containers/remove-dynamic');
  });

  it('still sees the command run inside a container', async () => {
    expect(await rules('docker exec -it db mysql -e "DROP DATABASE shop"')).toContain('datastores/drop-database');
  });
});
