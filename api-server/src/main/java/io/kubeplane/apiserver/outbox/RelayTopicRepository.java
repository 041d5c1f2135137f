package io.kubeplane.apiserver.outbox;

import org.springframework.data.jpa.repository.JpaRepository;

/** The relay's per-topic records. */
public interface RelayTopicRepository extends JpaRepository<RelayTopic, String> {
}
