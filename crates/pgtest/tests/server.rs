//! The harness starts a real server, makes separate databases, and leaves nothing behind.

use std::net::{Ipv4Addr, TcpStream};

use briefbot_pgtest::Postgres;

#[test]
fn a_server_accepts_connections_until_it_is_dropped() {
    let server = Postgres::start().unwrap();
    let port = server.port();
    let folder = server.folder().to_path_buf();
    assert!(folder.join("data").join("PG_VERSION").exists());
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok());

    let first = server.create_database().unwrap();
    let second = server.create_database().unwrap();
    assert_ne!(first, second);
    assert!(first.starts_with(&format!("postgres://briefbot@127.0.0.1:{port}/")));

    drop(server);
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err());
    assert!(!folder.exists());
}

#[test]
fn a_shared_server_lives_as_long_as_someone_holds_it() {
    let first = Postgres::shared().unwrap();
    let second = Postgres::shared().unwrap();
    assert_eq!(first.port(), second.port());
    let port = first.port();
    drop(first);
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok());
    drop(second);
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err());
}
